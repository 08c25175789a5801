// The routes anyone may call without a credential (sign-in, sign-out, the emailed-link flows,
// free-account sign-up and verification, consent) take a few short strings. The server's 5 MiB
// limit let an anonymous client make the server read and parse megabytes per request; these
// routes answer 413 past 16 KiB. The largest body they take is an invite acceptance (token 200,
// password 1024, name 200 characters): about 8.6 kB even with every character sent as a `\uXXXX`
// escape; consent's 2000-character token about 12 kB.
export const PUBLIC_ROUTE_BODY_LIMIT = 16 * 1024;
