;;; check.el --- Emacs + eglot in --batch as the user's editor  -*- lexical-binding: t -*-
;; The configuration under test comes from docs/editors.md (COMPOSER_REPOS_CONFIG); this file only sets up
;; what a normal start would have done, opens composer.json, observes and asks.
;;
;;   COMPOSER_REPOS_CONFIG  the doc's eglot snippet, as a file
;;   COMPOSER_REPOS_FILE    the composer.json to open
;;   COMPOSER_REPOS_PLAN    JSON: (:deadlineMs :hover (:line :character) :insert (:line :text)
;;                                 :completion (:line :character) :movedLine), 0-based LSP positions
;;
;; Prints ONE JSON line on stdout (eglot's chatter goes to stderr) and exits 0, or 1 when a step failed.

(require 'json)
(require 'cl-lib)

;; -Q skips Debian's site-start, which is what normally puts the elpa-* packages (eglot 1.9 and the
;; project/xref/seq it needs) on the load path. Newer Emacsen have eglot built in and skip this.
(when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
  (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
  (package-initialize))

(defvar composer-repos-check-publishes nil "Raw publishDiagnostics params, newest first.")
(defvar composer-repos-check-errors nil)

;; Flymake paints nothing in --batch, so record the notifications themselves. Registered before the
;; configuration loads, so it is in place when eglot-ensure first loads eglot.
(with-eval-after-load 'eglot
  (advice-add 'eglot-handle-notification :before
              (lambda (_server method &rest params)
                (when (eq method 'textDocument/publishDiagnostics)
                  (push (list :version (plist-get params :version)
                              :diagnostics (plist-get params :diagnostics))
                        composer-repos-check-publishes)))))

(defvar composer-repos-check-connection-error nil "Set when the server connection failed; waits stop early.")

;; In --batch an error raised in a process sentinel kills Emacs (exit 255) past any condition-case: that is
;; where eglot reports a server that died after connecting. Record it as a failed step instead, so the run
;; still prints its JSON.
(with-eval-after-load 'jsonrpc
  (advice-add 'jsonrpc--process-sentinel :around
              (lambda (sentinel &rest args)
                (condition-case err
                    (apply sentinel args)
                  (error (setq composer-repos-check-connection-error (error-message-string err))
                         (composer-repos-check--fail composer-repos-check-connection-error))))))

(defvar composer-repos-check-t0 (float-time))
(defvar composer-repos-check-timings nil
  "Milliseconds since this file loaded, per step: for reading a slow run, never asserted.")

(defun composer-repos-check--mark (step)
  (push (cons step (round (* 1000 (- (float-time) composer-repos-check-t0)))) composer-repos-check-timings))

(defun composer-repos-check--fail (message)
  (push message composer-repos-check-errors))

(defun composer-repos-check--wait (deadline-ms predicate)
  "Run the event loop until PREDICATE holds or DEADLINE-MS pass; return whether it held."
  (let ((end (+ (float-time) (/ deadline-ms 1000.0))))
    (while (and (not (funcall predicate)) (not composer-repos-check-connection-error) (< (float-time) end))
      (accept-process-output nil 0.02))
    (and (funcall predicate) t)))

(defun composer-repos-check--latest-has (predicate)
  (let ((latest (car composer-repos-check-publishes)))
    (and latest (cl-some predicate (plist-get latest :diagnostics)))))

(defun composer-repos-check--removed-type-p (diagnostic)
  (equal (plist-get diagnostic :code) "removed-type"))

(defun composer-repos-check--hover-text (contents)
  "The text of an LSP hover CONTENTS (MarkupContent, MarkedString or a vector of those)."
  (cond ((stringp contents) contents)
        ((vectorp contents) (mapconcat #'composer-repos-check--hover-text contents "\n"))
        ((plist-get contents :value))
        (t "")))

(let* ((plan (json-parse-string (or (getenv "COMPOSER_REPOS_PLAN") (error "COMPOSER_REPOS_PLAN is required"))
                                :object-type 'plist))
       (deadline (plist-get plan :deadlineMs))
       (result (list (cons 'editor "emacs") (cons 'version emacs-version))))
  (condition-case err
      (progn
        (load (or (getenv "COMPOSER_REPOS_CONFIG") (error "COMPOSER_REPOS_CONFIG is required")) nil t)
        (find-file (or (getenv "COMPOSER_REPOS_FILE") (error "COMPOSER_REPOS_FILE is required")))
        (push (cons 'file buffer-file-name) result)
        (push (cons 'mode (symbol-name major-mode)) result)
        ;; eglot-ensure connects from post-command-hook, which only the interactive command loop runs.
        (run-hooks 'post-command-hook)
        (unless (composer-repos-check--wait deadline (lambda () (and (featurep 'eglot) (eglot-current-server))))
          (error "No eglot server for %s within %s ms" buffer-file-name deadline))
        (composer-repos-check--mark 'initialized)
        (let ((server (eglot-current-server)))
          (let ((package (cadr (assq 'eglot package-alist))))
            (push (cons 'eglotVersion (if package (package-version-join (package-desc-version package)) "built-in"))
                  result))
          ;; (a) removed-type arrives
          (unless (composer-repos-check--wait
                   deadline (lambda () (composer-repos-check--latest-has #'composer-repos-check--removed-type-p)))
            (composer-repos-check--fail (format "no removed-type diagnostic within %s ms" deadline)))
          (composer-repos-check--mark 'diagnostics)
          ;; (c) hover over "type"
          (let ((hover (jsonrpc-request server :textDocument/hover
                                        (list :textDocument (eglot--TextDocumentIdentifier)
                                              :position (plist-get plan :hover))
                                        :timeout (/ deadline 1000.0))))
            (push (cons 'hover (and hover (composer-repos-check--hover-text (plist-get hover :contents)))) result))
          (composer-repos-check--mark 'hover)
          ;; Type a new repository line above the pear one, and send it as eglot does once idle.
          (let ((insert (plist-get plan :insert)))
            (goto-char (point-min))
            (forward-line (plist-get insert :line))
            (insert (plist-get insert :text) "\n")
            (eglot--signal-textDocument/didChange))
          ;; Validation of the new version proves the server has the edit before completion asks about it.
          (unless (composer-repos-check--wait
                   deadline (lambda () (composer-repos-check--latest-has
                                        (lambda (d) (and (composer-repos-check--removed-type-p d)
                                                         (equal (plist-get (plist-get (plist-get d :range) :start) :line)
                                                                (plist-get plan :movedLine)))))))
            (composer-repos-check--fail (format "removed-type did not move to line %s after the edit within %s ms"
                                                (plist-get plan :movedLine) deadline)))
          (composer-repos-check--mark 'edited)
          ;; (b) completion inside the new "type": ""
          (let* ((completion (jsonrpc-request server :textDocument/completion
                                              (list :textDocument (eglot--TextDocumentIdentifier)
                                                    :position (plist-get plan :completion))
                                              :timeout (/ deadline 1000.0)))
                 (items (if (vectorp completion) completion (plist-get completion :items))))
            (push (cons 'completion (vconcat (mapcar (lambda (item) (plist-get item :label)) items))) result)
            (composer-repos-check--mark 'completion))))
    (error (composer-repos-check--fail (error-message-string err))))
  (push (cons 'timingsMs (reverse composer-repos-check-timings)) result)
  (push (cons 'publishes (vconcat (reverse composer-repos-check-publishes))) result)
  (push (cons 'errors (vconcat (reverse composer-repos-check-errors))) result)
  (princ (concat (json-encode (reverse result)) "\n"))
  (kill-emacs (if composer-repos-check-errors 1 0)))
