// Package auth holds recouvre's security primitives. It does no I/O and
// knows nothing of the database: the store keeps what this package
// produces (PHC strings, token hashes, role names) and hands it back.
//
//   - Passwords are hashed with argon2id into self-describing PHC strings,
//     $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash>, so the cost can be
//     raised later: VerifyPassword reports when a stored hash was made with
//     other parameters than DefaultParams and should be replaced.
//     ValidatePassword enforces the minimum length of a new password.
//   - Session and API tokens are 32 random bytes, base64url-encoded behind
//     a prefix ("rs_" for sessions, "rcv_" for API tokens). Only their
//     SHA-256 is stored: a database dump yields no usable token.
//   - Roles (admin, manager, agent, viewer) grant permissions; handlers ask
//     Role.Can rather than compare role names.
//   - Throttle slows down repeated failed logins per key (e-mail and client
//     address), in memory, bounded, safe for concurrent use.
//   - The authenticated Principal travels in the request context
//     (WithPrincipal, PrincipalFrom).
package auth
