// Imported first by tests that reach the emulator: jsforce reads proxy variables when it loads.
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete process.env[name];
export {};
