import { describe, expect, it } from 'vitest';
import {
  concernOf,
  emailsPattern,
  emptyIdentity,
  learnFromEvent,
  namesPattern,
  scrubEvent,
  scrubPersonalFields,
  scrubText,
  type AuditEventFacts,
  type Concern,
  type PersonIdentity,
} from './scrub-personal-data.ts';

const T = 'erased:0123456789abcdef';

function event(overrides: Partial<AuditEventFacts>): AuditEventFacts {
  return {
    actor_type: 'token',
    actor_id: 'token-1',
    actor_label: 'token:ci',
    target_type: 'user',
    target_id: 'user-1',
    before: null,
    after: null,
    ...overrides,
  };
}

function identity(extra: Partial<Record<keyof PersonIdentity, string[]>> = {}): PersonIdentity {
  const result = emptyIdentity('ann@example.org');
  for (const email of extra.emails ?? []) result.emails.add(email);
  for (const id of extra.userIds ?? []) result.userIds.add(id);
  for (const id of extra.adminIds ?? []) result.adminIds.add(id);
  for (const id of extra.freeAccountIds ?? []) result.freeAccountIds.add(id);
  return result;
}

describe('scrubPersonalFields', () => {
  it.each<[string, unknown, unknown]>([
    [
      'user state: names, work details and numbers go, facts stay',
      {
        email: 'ann@example.org',
        firstName: 'Ann',
        lastName: 'Ames',
        displayName: 'Ann A',
        callerIdFirstName: 'Annie',
        callerIdLastName: 'Amesbel',
        title: 'CTO',
        department: 'R&D',
        manager: 'Bob',
        phoneNumber: '+31201234567',
        callerIdNumber: '+31201234568',
        extension: '1234',
        packageId: 'webex_calling',
        locationId: 'loc-1',
        timeZone: 'Europe/Amsterdam',
        addOns: { attendant_console: false },
      },
      {
        email: T,
        firstName: T,
        lastName: T,
        displayName: T,
        callerIdFirstName: T,
        callerIdLastName: T,
        title: T,
        department: T,
        manager: T,
        phoneNumber: T,
        callerIdNumber: T,
        extension: T,
        packageId: 'webex_calling',
        locationId: 'loc-1',
        timeZone: 'Europe/Amsterdam',
        addOns: { attendant_console: false },
      },
    ],
    ['an empty field stays empty', { firstName: null, lastName: 'Ames' }, { firstName: null, lastName: T }],
    [
      'field-level changes of personal fields go, others stay',
      {
        changes: [
          { field: 'lastName', before: 'Ames', after: 'Ames-Berg' },
          { field: 'callerIdFirstName', before: null, after: 'Annie' },
          { field: 'package', before: 'webex_voice', after: 'webex_calling' },
        ],
      },
      {
        changes: [
          { field: 'lastName', before: T, after: T },
          { field: 'callerIdFirstName', before: null, after: T },
          { field: 'package', before: 'webex_voice', after: 'webex_calling' },
        ],
      },
    ],
    [
      'SCIM: userName goes, the directory id stays',
      { userName: 'ann@example.org', externalId: 'dir-42', active: true },
      { userName: T, externalId: 'dir-42', active: true },
    ],
    ['not an object', 'Ann', 'Ann'],
  ])('%s', (_name, input, expected) => {
    expect(scrubPersonalFields(input, T)).toEqual(expected);
  });
});

describe('concernOf', () => {
  it.each<[string, AuditEventFacts, PersonIdentity, Concern | null]>([
    ['their user id as target', event({}), identity({ userIds: ['user-1'] }), { target: true, actor: false }],
    [
      'a user event recording their email (a removed user)',
      event({ target_id: 'user-9', before: { email: 'Ann@Example.org', firstName: 'Ann' } }),
      identity(),
      { target: true, actor: false },
    ],
    [
      'an admin event recording their email',
      event({ target_type: 'admin', target_id: 'admin-1', after: { email: 'ann@example.org' } }),
      identity(),
      { target: true, actor: false },
    ],
    [
      'an import removal without a target id, recording their email',
      event({ target_id: null, before: { email: 'ann@example.org', lastName: 'Ames' } }),
      identity(),
      { target: true, actor: false },
    ],
    [
      'their email as a probe target',
      event({ target_type: 'email', target_id: 'ANN@example.org' }),
      identity(),
      { target: true, actor: false },
    ],
    [
      'their admin account acting on someone else',
      event({
        actor_type: 'admin',
        actor_id: 'admin-1',
        actor_label: 'old@example.org',
        target_id: 'user-2',
      }),
      identity({ adminIds: ['admin-1'] }),
      { target: false, actor: true },
    ],
    [
      'their address in a sign-up label',
      event({ actor_type: 'system', actor_id: '', actor_label: 'signup:ann@example.org', target_id: 'x' }),
      identity(),
      { target: false, actor: true },
    ],
    [
      "their email as a customer's primary admin",
      event({ target_type: 'customer', target_id: 'c-1', after: { adminEmail: 'ann@example.org' } }),
      identity(),
      { target: false, actor: false },
    ],
    [
      'another address that ends in theirs',
      event({ actor_label: 'joann@example.org', target_id: 'user-2', after: { email: 'joann@example.org' } }),
      identity(),
      null,
    ],
    [
      'another person with the same first name',
      event({ target_id: 'user-2', after: { email: 'ann.other@example.org', firstName: 'Ann' } }),
      identity({ userIds: ['user-1'] }),
      null,
    ],
    [
      'a customer event naming their id is not about them',
      event({ target_type: 'customer', target_id: 'user-1' }),
      identity({ userIds: ['user-1'] }),
      null,
    ],
  ])('%s', (_name, input, person, expected) => {
    expect(concernOf(input, person)).toEqual(expected);
  });
});

describe('learnFromEvent', () => {
  it('learns the id and every email an event about the person recorded (old and new)', () => {
    const person = identity();
    const replaced = event({
      target_id: 'user-7',
      before: { email: 'ann@example.org' },
      after: { email: 'ann.new@example.org', userName: 'Ann.New@example.org' },
    });
    expect(learnFromEvent(replaced, person)).toBe(true);
    expect([...person.userIds]).toEqual(['user-7']);
    expect([...person.emails]).toEqual(['ann@example.org', 'ann.new@example.org']);
    expect(learnFromEvent(replaced, person)).toBe(false);
  });

  it('learns nothing from events about other people', () => {
    const person = identity();
    expect(learnFromEvent(event({ after: { email: 'bob@example.org' } }), person)).toBe(false);
    expect(person.userIds.size).toBe(0);
  });
});

describe('scrubEvent', () => {
  const terms = {
    tombstone: T,
    emails: emailsPattern(['ann@example.org', 'ann.new@example.org']),
    names: new Set(['ann ames']),
  };

  it("about the person: every personal field and their label; the target's facts stay", () => {
    const scrubbed = scrubEvent(
      event({
        actor_type: 'admin',
        actor_label: 'ann@example.org',
        before: { email: 'ann@example.org', lastName: 'Ames', errors: [{ text: 'Ann Ames' }] },
        after: { email: 'ann.new@example.org', lastName: 'Berg', packageId: 'webex_voice' },
      }),
      { target: true, actor: true },
      terms,
    );
    expect(scrubbed).toEqual({
      actor_label: T,
      target_id: 'user-1',
      before: { email: T, lastName: T, errors: [{ text: T }] },
      after: { email: T, lastName: T, packageId: 'webex_voice' },
    });
  });

  it("as actor only: their label and address go, the target's names stay", () => {
    const scrubbed = scrubEvent(
      event({
        actor_type: 'admin',
        actor_label: 'ann@example.org',
        target_id: 'user-2',
        after: { email: 'bob@example.org', firstName: 'Ann', manager: 'ann@example.org' },
      }),
      { target: false, actor: true },
      terms,
    );
    expect(scrubbed).toEqual({
      actor_label: T,
      target_id: 'user-2',
      before: null,
      after: { email: 'bob@example.org', firstName: 'Ann', manager: T },
    });
  });

  it('keeps a label prefix, and the email as target becomes the tombstone', () => {
    expect(
      scrubEvent(
        event({ actor_label: 'signup:ann@example.org', target_type: 'email', target_id: 'ann@example.org' }),
        { target: true, actor: true },
        terms,
      ),
    ).toMatchObject({ actor_label: `signup:${T}`, target_id: T });
  });

  it('an actor label that names no known address still goes when the actor id is theirs', () => {
    expect(
      scrubEvent(event({ actor_label: 'long-gone@example.org' }), { target: false, actor: true }, terms)
        .actor_label,
    ).toBe(T);
  });
});

describe('scrubText', () => {
  it.each<[string, string]>([
    ['Hallo Ann Ames (ANN@example.org),', `Hallo ${T} (${T}),`],
    ['Annual report for ann ames', 'Annual report for ann ames'],
    [
      'joann@example.org and ann@example.org.uk are other people',
      'joann@example.org and ann@example.org.uk are other people',
    ],
    ['Mail ann@example.org.', `Mail ${T}.`],
  ])('%s', (text, expected) => {
    const patterns = [emailsPattern(['ann@example.org']), namesPattern(['Ann Ames', 'Ames'])];
    expect(scrubText(text, patterns, T)).toBe(expected);
  });
});

describe('emailsPattern', () => {
  // The erasure's confirmation in uploaded files and stored results: any case, beyond ASCII too.
  it.each([
    ['zoë.jansen@example.nl', 'ZOË.Jansen@Example.nl,Baker', true],
    ['šárka.novák@example.cz', 'ŠÁRKA.NOVÁK@EXAMPLE.CZ', true],
    ['zoë.jansen@example.nl', 'ZOE.Jansen@Example.nl', false],
    ['zoë.jansen@example.nl', 'jo.ZOË.Jansen@Example.nl', false],
    ['zoë.jansen@example.nl', 'ZOË.Jansen@Example.nl.uk', false],
  ])('%s in %s: %s', (email, text, found) => {
    expect(text.search(emailsPattern([email]) ?? /$^/) >= 0).toBe(found);
  });
});
