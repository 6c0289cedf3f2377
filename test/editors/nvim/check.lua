-- Drives headless Neovim (0.7 or later) as the user's editor: the configuration under test comes from
-- docs/editors.md (loaded with -u), this file only observes and asks. Loaded with --cmd, i.e. BEFORE that
-- configuration starts a client, so that no publishDiagnostics can slip past the recorder below.
--
--   COMPOSER_REPOS_PLAN  JSON: { deadlineMs, hover = {line, character}, insert = {line, text},
--                                completion = {line, character}, movedLine }  (0-based LSP positions)
--
-- Prints ONE JSON line on stdout (the test reads it) and quits with 0, or 1 when a step failed.
local plan = vim.fn.json_decode((assert(os.getenv('COMPOSER_REPOS_PLAN'), 'COMPOSER_REPOS_PLAN is required')))
local deadline = plan.deadlineMs

local result = { editor = 'neovim', errors = {}, publishes = {}, timingsMs = {} }
local t0 = vim.loop.hrtime()
-- Milliseconds since Neovim loaded this file, per step: for reading a slow run, never asserted.
local function mark(step)
	result.timingsMs[step] = math.floor((vim.loop.hrtime() - t0) / 1e6)
end
local v = vim.version()
result.version = v.major .. '.' .. v.minor .. '.' .. v.patch

-- Raw LSP params, before Neovim turns them into byte-column vim.diagnostic entries: the test checks the
-- server's ranges as they travelled.
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
	if params then
		table.insert(result.publishes, { version = params.version, diagnostics = params.diagnostics })
	end
	return publish(err, params, ctx, config)
end

local function fail(message)
	table.insert(result.errors, message)
end

local function latestHas(accept)
	local last = result.publishes[#result.publishes]
	if not last then
		return false
	end
	for _, d in ipairs(last.diagnostics) do
		if accept(d) then
			return true
		end
	end
	return false
end

local function removedType(d)
	return d.code == 'removed-type'
end

-- The one result of a buf_request_sync (a table client id -> { err, result }).
local function request(bufnr, method, params)
	local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, deadline)
	if not responses then
		fail(method .. ': ' .. tostring(err))
		return nil
	end
	for _, r in pairs(responses) do
		if r.err then
			fail(method .. ': ' .. vim.inspect(r.err))
		end
		return r.result
	end
	fail(method .. ': no client answered')
	return nil
end

local function steps()
	local bufnr = vim.api.nvim_get_current_buf()
	result.file = vim.api.nvim_buf_get_name(bufnr)
	local uri = vim.uri_from_bufnr(bufnr)

	-- 1. the configuration attached a client, which finished initialize
	local attached = vim.wait(deadline, function()
		for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
			if c.initialized then
				return true
			end
		end
		return false
	end, 10)
	if not attached then
		fail('no initialized language client attached to ' .. result.file .. ' within ' .. deadline .. ' ms')
		return
	end
	for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
		result.client = c.name
	end
	mark('initialized')

	-- 2. (a) removed-type arrives
	if not vim.wait(deadline, function() return latestHas(removedType) end, 10) then
		fail('no removed-type diagnostic within ' .. deadline .. ' ms')
	end
	mark('diagnostics')

	-- 3. (c) hover over "type"
	local hover = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = plan.hover })
	if hover and hover ~= vim.NIL and hover.contents then
		-- What Neovim itself would show in the hover window.
		result.hover = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
	end
	mark('hover')

	-- 4. type a new repository line above the pear one; the edit goes out as didChange
	vim.api.nvim_buf_set_lines(bufnr, plan.insert.line, plan.insert.line, false, { plan.insert.text })
	-- Validation of the new version proves the server has the edit before completion asks about it.
	if not vim.wait(deadline, function()
		return latestHas(function(d) return removedType(d) and d.range.start.line == plan.movedLine end)
	end, 10) then
		fail('removed-type did not move to line ' .. plan.movedLine .. ' after the edit within ' .. deadline .. ' ms')
	end
	mark('edited')

	-- 5. (b) completion inside the new "type": ""
	local completion = request(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = plan.completion })
	result.completion = {}
	if completion == vim.NIL then
		completion = nil
	end
	for _, item in ipairs(completion and (completion.items or completion) or {}) do
		table.insert(result.completion, item.label)
	end
	mark('completion')
end

function ComposerReposCheck()
	local ok, err = pcall(steps)
	if not ok then
		fail(tostring(err))
	end
	io.stdout:write(vim.fn.json_encode(result) .. '\n')
	vim.lsp.stop_client(vim.lsp.get_active_clients(), true)
	vim.cmd(#result.errors == 0 and 'qall!' or 'cquit! 1')
end
