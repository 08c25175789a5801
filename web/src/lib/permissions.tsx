import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';

// Read-only admins see every screen but no button that changes something. The shell knows the
// signed-in role and provides it; features only ask "may I write?" (the server enforces it anyway).
const CanWriteContext = createContext(true);

export function CanWriteProvider({ canWrite, children }: { canWrite: boolean; children: ReactNode }) {
  return <CanWriteContext.Provider value={canWrite}>{children}</CanWriteContext.Provider>;
}

export function useCanWrite(): boolean {
  return useContext(CanWriteContext);
}
