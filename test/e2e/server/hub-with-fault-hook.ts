// `hub` as bin/hub runs it, with the e2e hooks (a provisioning fault, a hold on imports) installed
// first (imports run in order).
import './install-fault-hook.ts';
import './install-import-hold.ts';
import '../../../src/cli/main.ts';
