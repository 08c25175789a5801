// What `hub --help` adds after the command list: where the data is, what exit codes mean, and a
// first session, so a newcomer (and a script author) needs no other page to start.
export const ROOT_HELP = `
Environment:
  HUB_DATA_DIR   the embedded database and the running server's address (default: ./data)
  DATABASE_URL   use this PostgreSQL database instead (postgres://user:password@host:5432/db)
  While a server holds the embedded database, commands are sent to it and print the same
  (while it is still starting, they wait for it).
  HUB_CLI_TIMEOUT_SECONDS
                 how long such a command waits for the server's next sign of life (default: 30)
                 before it fails with exit code 1; a long import or provisioning keeps going.
                 A command waits as long for a server that is still starting.

Output and exit codes:
  --json prints machine-readable output on stdout; messages and warnings go to stderr.
  0 done (an import that ran, even with row errors), 1 failed,
  2 input rejected (a bad option, an unknown customer/location/package, a rejected file),
  130 / 143 stopped by Ctrl+C / SIGTERM. A command that waits (users import, customers create,
  delete, get --wait) then says what is still running and the command to check on it (with
  --json also as an object on stdout); a second Ctrl+C quits at once. customers create/delete
  take --no-wait, and --timeout SECONDS (default 120; exit 1, the work goes on).
  Without --json, lists are a table fitting the terminal (columns dropped or cut to fit), or,
  piped, one tab-separated record per line (none for an empty list: stderr says so); one object
  is "key: value" lines. Scripts: --json.

Examples:
  hub customers create --name "Bakkerij De Vries" --external-id DEVRIES-001 \\
    --admin-email beheer@devries.example --country NL --packages webex_calling,webex_meetings
  hub locations create --customer DEVRIES-001 --name "Amsterdam HQ" --country NL \\
    --timezone Europe/Amsterdam
  hub numbers add --customer DEVRIES-001 --location "Amsterdam HQ" +31201234500-+31201234599
  hub users import users.csv --customer DEVRIES-001 --dry-run
  hub users error-report <import id> --customer DEVRIES-001 --out errors.csv
  hub users export --customer DEVRIES-001 --out users.csv
  hub tokens create --role partner_full_admin --name "provisioning script"

Run "hub <command> --help" (e.g. "hub users import --help") for a command's options.
`;
