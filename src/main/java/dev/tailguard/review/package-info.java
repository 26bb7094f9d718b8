/**
 * Quarkus adapters of the human review gate ({@link dev.tailguard.core.review}).
 *
 * <h2>Flow</h2>
 * With {@code tailguard.review.required=true} the blend function first asks {@link dev.tailguard.review.ReviewGate}:
 * a scored synthetic batch is queued (batch id {@code <runId>-scored}, seeded sample of
 * {@code tailguard.review.sample-size} documents) and blend returns no event, so the chain pauses (the embedded
 * {@code run} prints "paused" and exits 0). Approving re-emits the <em>same</em>
 * {@code dev.tailguard.synthetic.scored} event; the approval marker is the decision object stored (once, by
 * compare-and-set) under {@code runs/<runId>/review/<batchId>/decision.json}, which the gate checks, so an event
 * sender cannot bypass review. {@code tailguard.review.resume=dispatcher} re-dispatches it in-process through the
 * pipeline's in-process dispatcher ({@code dev.tailguard.function.PipelineResumeEmitter}: blend, then report); {@code http} posts it as a binary
 * CloudEvent (extension {@code tailguardreview=approved}) to {@code tailguard.review.sink} (a Knative broker,
 * {@code K_SINK}); {@code none} only records decisions. A rejection quarantines every record of the batch in
 * {@code runs/<runId>/quarantine/review-<batchId>.jsonl} with the reviewer's reason and ends the run with a failure
 * report ({@code failed_stage: review}).
 *
 * <h2>HTTP</h2>
 * {@code GET /review/} (the page), {@code POST /review/login} (form {@code username}, {@code password}),
 * {@code GET /review/session}, {@code POST /review/session/logout}, {@code GET /review/batches},
 * {@code GET /review/batches/{id}}, {@code POST /review/batches/{id}/approve|reject} with JSON
 * {@code {"reason": "...", "flags": [{"document_id": "...", "flag": "...", "note": "..."}]}}. Errors are JSON
 * {@code {"error","status","message"}}: 400 invalid, 401 anonymous, 403 no {@code reviewer} role or bad CSRF token,
 * 404 unknown batch, 409 conflicting or post-consumption decision, 415 non-JSON decision body.
 *
 * <h2>Security</h2>
 * Users come from a file read at run time ({@code tailguard.review.users-file}, {@code user:hash:roles}, PBKDF2 or
 * bcrypt; see {@link dev.tailguard.core.review.login.ReviewUsers}), re-read when it changes; the bundled demo accounts
 * are configured only in {@code %dev}/{@code %test} and refused in prod. Sessions are server-side
 * ({@link dev.tailguard.core.review.login.SessionStore}: random id in an {@code HttpOnly; SameSite=Strict} cookie,
 * {@code Secure} over HTTPS incl. behind a proxy, revoked at logout, bounded); state-changing calls also need the
 * session's own random {@code X-Tailguard-CSRF} token from {@code GET /review/session} and an allowed
 * {@code Origin}/{@code Referer}. Failed logins are throttled per user name and per client address (429 with
 * {@code Retry-After}). The audit log records {@code SecurityIdentity.getPrincipal()}, never a name from the request
 * (unknown body fields are refused).
 *
 * <h2>OIDC for clusters (configuration only)</h2>
 * Add {@code io.quarkus:quarkus-oidc}, then: {@code quarkus.oidc.auth-server-url=https://idp/realms/x},
 * {@code quarkus.oidc.client-id=tailguard-review}, {@code quarkus.oidc.credentials.secret=...},
 * {@code quarkus.oidc.application-type=hybrid} (browser code flow for the page, bearer tokens for the API),
 * {@code quarkus.oidc.roles.role-claim-path=realm_access/roles} (the IdP grants role {@code reviewer}),
 * and leave {@code tailguard.review.users-file} unset. The resources only use {@code @RolesAllowed("reviewer")} and
 * {@code SecurityIdentity}, so they work unchanged; {@link dev.tailguard.review.ReviewSessionMechanism} then only
 * matters for {@code /review/login}, which the page no longer needs. The extension is not added here because it
 * expects an identity provider to be reachable.
 */
package dev.tailguard.review;
