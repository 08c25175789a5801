// `hub` as bin/hub runs it, with the held-downstream hook installed first (imports run in order).
import './install-held-downstream.ts';
import '../../../src/cli/main.ts';
