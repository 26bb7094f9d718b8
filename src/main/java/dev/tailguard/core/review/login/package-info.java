/**
 * Pure-Java parts of the reviewer login: the runtime users file ({@link dev.tailguard.core.review.login.ReviewUsers}),
 * password hashes ({@link dev.tailguard.core.review.login.PasswordHash}), server-side sessions with per-session CSRF
 * tokens ({@link dev.tailguard.core.review.login.SessionStore}), failed-login throttling
 * ({@link dev.tailguard.core.review.login.LoginThrottle}) and the Origin/Referer check
 * ({@link dev.tailguard.core.review.login.OriginCheck}). Every in-memory map here is bounded and evicts.
 */
package dev.tailguard.core.review.login;
