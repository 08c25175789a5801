// The planner's view of a customer as the directory sees it: while sync is on, names are read-only
// for CSV and UI (SPEC §5) — but not for the directory itself, which owns them.
import type { SellableId } from '../../domain/packages/catalog.ts';
import type { SoldPackage } from '../../domain/packages/rules.ts';
import type { NumberEntry, PlanningContext, PlanningLocation } from '../../domain/users/planning-context.ts';

export class DirectoryPlanningContext implements PlanningContext {
  constructor(private readonly inner: PlanningContext) {}

  get soldPackages(): readonly SoldPackage[] {
    return this.inner.soldPackages;
  }
  usage(packageId: SellableId): number {
    return this.inner.usage(packageId);
  }
  locationByName(name: string): PlanningLocation | null {
    return this.inner.locationByName(name);
  }
  locationById(id: string): PlanningLocation | null {
    return this.inner.locationById(id);
  }
  numberEntry(e164: string): NumberEntry | null {
    return this.inner.numberEntry(e164);
  }
  extensionHolder(extension: string): string | null {
    return this.inner.extensionHolder(extension);
  }
  get extensionLength(): number {
    return this.inner.extensionLength;
  }
  get customerCountry(): string | null {
    return this.inner.customerCountry ?? null;
  }
  get defaultPackageTemplate() {
    return this.inner.defaultPackageTemplate;
  }
  get defaultPreferredWebexSite(): string | null {
    return this.inner.defaultPreferredWebexSite;
  }
  get autoAssignBasicLicences(): boolean {
    return this.inner.autoAssignBasicLicences;
  }
  get directorySync(): boolean {
    return false;
  }
  isCustomerFullAdmin(email: string): boolean {
    return this.inner.isCustomerFullAdmin(email);
  }
  get customerFullAdminCount(): number {
    return this.inner.customerFullAdminCount;
  }
  emailTakenElsewhere(email: string): boolean {
    return this.inner.emailTakenElsewhere(email);
  }
}
