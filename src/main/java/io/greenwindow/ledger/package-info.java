/**
 * The carbon ledger: what each run segment and each finished job used and emitted, what waiting avoided, and what
 * the trained model is projected to emit in inference.
 *
 * <h2>Accounting</h2>
 * <ul>
 *   <li>Energy stays labelled by component and method ({@code measured (NVML)}, {@code measured (RAPL)},
 *       {@code estimated (model)}); a mix is shown as a mix, never as a measurement.</li>
 *   <li>Carbon = sum over the history signal's intervals of facility kWh (IT x PUE) in the interval x its
 *       intensity; a bin straddling intervals is split by time. History only, never the forecast.</li>
 *   <li>Avoided = the same energy profile laid back to back from submission, against the same history, minus the
 *       inventory. A separate figure, never added to or subtracted from the inventory.</li>
 *   <li>Inference: probe joules per request (or per token x tokens per response) x requests over the lifetime x
 *       PUE x the deployment zone's average intensity over {@link io.greenwindow.ledger.LedgerSettings}'s window;
 *       the break-even is the training saving over the carbon per request.</li>
 *   <li>SCI (ISO/IEC 21031:2024) = (E x I + M) per R, for one training run and for 1,000 inference requests, with
 *       M = embodied x (time reserved / lifespan) x share reserved.</li>
 * </ul>
 *
 * <h2>Trust</h2>
 * <ul>
 *   <li>Append-only: no code path updates or deletes an entry, and a database trigger (migration V41, PL/pgSQL on
 *       PostgreSQL, {@link io.greenwindow.ledger.H2AppendOnlyTrigger} on H2) refuses UPDATE and DELETE (and TRUNCATE
 *       on PostgreSQL). Late or revised history is written as a new COMPLETION or CORRECTION entry.</li>
 *   <li>Hash chain: each entry's hash covers all its columns and the previous hash; {@code verify} names every
 *       edited entry and every gap. Removal of the newest entries needs a head recorded earlier to be seen.</li>
 *   <li>Each entry is its own transaction; concurrent appends (threads or nodes) are serialised by the primary
 *       key on {@code seq} and the unique {@code prev_hash}: the loser re-reads the head and retries.</li>
 * </ul>
 */
package io.greenwindow.ledger;
