// `hub` as bin/hub runs it, with the e2e fault hook installed first (imports run in order).
import './install-fault-hook.ts';
import '../../../src/cli/main.ts';
