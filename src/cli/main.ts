// Entry point of bin/hub.
import { createProcessIo } from './io.ts';
import { runCli } from './run-cli.ts';
import { jobLeftRunningInThisProcess } from './wait-for-jobs.ts';

process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
// A stopped wait gave back the claim of a job whose step does not answer: that step's timers would
// hold the process after the command ended (its job is the queue's again).
if (jobLeftRunningInThisProcess()) process.exit();
