// A realistic user CSV of any size, generated as a stream (benchmarks and resume tests): mixed
// packages, about 40 % calling users with numbers and extensions spread over the locations.
export interface GeneratedLocation {
  readonly name: string;
  /** E.164 prefix; numbers are prefix + a zero-padded index. */
  readonly numberPrefix: string;
}

export interface GenerateOptions {
  readonly rows: number;
  readonly locations: readonly GeneratedLocation[];
  readonly domain?: string;
  /** Digits of the per-location number index (numbers per location = 10^digits). */
  readonly numberDigits?: number;
  readonly extensionLength?: number;
}

export const GENERATED_HEADER = [
  'First Name',
  'Last Name',
  'Display Name',
  'User ID/Email (Required)',
  'Extension',
  'Phone Number',
  'Location',
  'Jabber with Webex Teams',
  'Jabber Calling',
  'Preferred Webex Site',
  'Webex Voice',
  'Webex Calling',
  'Webex Calling Standard',
  'Webex Meetings',
  'Webex Suite',
];

const FIRST = ['Anna', 'Bram', 'Carla', 'Dirk', 'Eva', 'Femke', 'Gert', 'Hank', 'Ilse', 'Joost'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Smit', 'Mulder', 'Visser', 'de Boer, jr.', 'Hendriks'];

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Row i (0-based) of the generated file as cells. */
export function generatedRow(index: number, options: GenerateOptions): string[] {
  const domain = options.domain ?? 'bench.example';
  const first = FIRST[index % FIRST.length] ?? 'A';
  const last = LAST[index % LAST.length] ?? 'B';
  const kind = index % 10; // 0-3 calling (40 %), 4-6 meetings, 7-8 voice, 9 suite with extension only
  const location = options.locations[index % options.locations.length];
  const perLocation = Math.floor(index / options.locations.length);
  const digits = options.numberDigits ?? 5;
  const extensionLength = options.extensionLength ?? 7;
  const extension = String(10 ** extensionLength + index).slice(-extensionLength);
  const packages = { voice: false, calling: false, standard: false, meetings: false, suite: false };
  let number = '';
  let ext = '';
  let locationName = '';
  if (kind <= 3) {
    if (kind === 3) packages.standard = true;
    else packages.calling = true;
    number = `${location?.numberPrefix ?? ''}${String(perLocation).padStart(digits, '0')}`;
    ext = extension;
    locationName = location?.name ?? '';
  } else if (kind <= 6) packages.meetings = true;
  else if (kind <= 8) packages.voice = true;
  else {
    packages.suite = true;
    ext = extension;
    locationName = location?.name ?? '';
  }
  const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE');
  return [
    first,
    last,
    `${first} ${last}`,
    `user${index}@${domain}`,
    ext,
    number,
    locationName,
    'FALSE',
    bool(kind <= 3),
    kind === 5 ? '' : 'bench.webex.com',
    bool(packages.voice),
    bool(packages.calling),
    bool(packages.standard),
    bool(packages.meetings),
    bool(packages.suite),
  ];
}

/** The whole file as text chunks of about `chunkRows` rows. */
export function* generateUsersCsv(options: GenerateOptions, chunkRows = 2000): Generator<string> {
  yield `${GENERATED_HEADER.join(',')}\r\n`;
  let chunk: string[] = [];
  for (let index = 0; index < options.rows; index += 1) {
    chunk.push(generatedRow(index, options).map(quote).join(','));
    if (chunk.length >= chunkRows) {
      yield `${chunk.join('\r\n')}\r\n`;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield `${chunk.join('\r\n')}\r\n`;
}

export function generateUsersCsvBytes(options: GenerateOptions): Uint8Array {
  return new TextEncoder().encode([...generateUsersCsv(options)].join(''));
}
