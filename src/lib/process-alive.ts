// Whether a process recorded in a file (a data dir's lock, a server's discovery file) still runs:
// signal 0 checks without signalling. EPERM means it runs under another user.

/** True while the process with this pid exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
