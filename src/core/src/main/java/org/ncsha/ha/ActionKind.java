package org.ncsha.ha;

/**
 * What the runner must do for each action of a {@link Decision}. The runner runs a decision's
 * actions in list order. Quick actions finish before the next one starts and report nothing
 * (the runner logs a failure as an event). A long-running action is always the last of its
 * list: the runner starts it in the background and reports exactly one {@link ActionOutcome}
 * of the same kind in {@link Observations#outcomes()} of a later tick; a restart of the HM
 * abandons it (the decider re-issues what is still needed on the startup tick).
 */
public enum ActionKind {

  /**
   * Long-running, primary. Create the physical replication slot for the secondary, call the
   * secondary's HM (peer address = detail) so that it queues {@code AcceptRegistration(this
   * server's address, failover type)}, then wait until the secondary reports Secondary Syncing.
   * Reports REGISTER_SECONDARY success then; failure (detail says why) when the secondary cannot
   * be reached, refuses, reports HA Not Configured again or times out.
   */
  REGISTER_SECONDARY(true),

  /**
   * Long-running, secondary. pg_basebackup from the primary (address = detail) using its slot
   * into a fresh directory, swapped in only on success so a failed clone leaves the old database
   * usable; write standby.signal, primary_conninfo, primary_slot_name; start as hot standby.
   * Reports CLONE_FROM_PEER success, or failure with the reason.
   */
  CLONE_FROM_PEER(true),

  /**
   * Long-running. If the peer still answers, first wait (bounded) until local replay has reached
   * the peer's last flushed LSN so no committed transaction is lost; then pg_promote() and wait
   * until the database accepts writes. Does NOT switch the application (a later APP_READ_WRITE
   * does). Idempotent on an already promoted database. Reports PROMOTE_DATABASE success/failure.
   */
  PROMOTE_DATABASE(true),

  /**
   * Long-running. Make the local database a standby of the peer: stop it cleanly (a fast
   * shutdown flushes the remaining WAL to a connected standby), wait until the peer's database
   * is promoted and reachable, pg_rewind against it; when rewind is impossible (no common
   * history, slot invalidated after the retention period, no local data) do a full pg_basebackup
   * copy instead; write standby.signal + primary_conninfo, start as hot standby. Reports
   * FOLLOW_PEER success; failure (detail says why) puts a primary in Primary Database Copy Failed.
   */
  FOLLOW_PEER(true),

  /**
   * Quick, failback on the active secondary, after APP_READ_ONLY stopped the writes: note this
   * database's current WAL position. From then on each tick's {@link
   * Observations#peerBehindFailbackBytes()} says how far the primary's replay is behind it, and
   * the failback hands over once it is not behind at all.
   */
  NOTE_FAILBACK_POSITION(false),

  /**
   * Quick: only asks for it. A complete file-sync run (every class) to the peer, as a failback
   * stops this server's writes; each tick's {@link Observations#filesCaughtUp()} then says
   * whether one that started after the request has left the primary with every file, and the
   * failback hands over only then.
   */
  SYNC_FILES(false),

  /**
   * Quick: only starts it. Restart this server's database off the loop, unless a copy or a rewind
   * has taken it down on purpose meanwhile; it starts held read-only unless this server serves.
   * Asked for by {@link DatabaseRestartRule}. It reports no {@link ActionOutcome}: the runner
   * observes whether it still runs and how it ended in the next ticks' {@link DatabaseCheck}.
   */
  RESTART_DATABASE(false),

  /** Quick. The managed application and services run active: the database is read-write. */
  APP_READ_WRITE(false),

  /** Quick. The application runs passive: writes answer 503 and nothing is written. */
  APP_READ_ONLY(false),

  /**
   * Quick, on the server whose database accepts writes, with the synchronous replication option:
   * make the standby named by detail the one a commit waits for ("" makes replication
   * asynchronous), and record the change as an event.
   */
  SET_SYNC_STANDBY(false),

  /** Quick. Bring up the virtual IP on this server (no-op when no VIP is configured). */
  ACQUIRE_VIP(false),

  /** Quick. Take the virtual IP down on this server (no-op when not held or not configured). */
  RELEASE_VIP(false),

  /**
   * Quick. Store in the node-local store the peer address and failover type of the accepted
   * command; detail is "{@code <peer address> <manual|automatic>}".
   */
  SAVE_HA_CONFIG(false),

  /**
   * Quick, a settings change on the running pair: the pair's virtual IP becomes the action's
   * addresses ({@link Action#virtualIps()}; none removes it). This server lets go at once of each
   * old address that is not a new one, and stores the new ones; an ACQUIRE_VIP after it takes them
   * where this server holds the address, so clients move without a failover.
   */
  CHANGE_VIRTUAL_IP(false),

  /**
   * Quick. Forget the peer address and failover type in the node-local store, drop this
   * server's replication slot if any, release the VIP if held.
   */
  CLEAR_HA_CONFIG(false),

  /** Quick. Send the HA notification mail whose text is the detail (mail not configured: log). */
  SEND_MAIL(false),

  /**
   * Quick, best effort. Call the peer's HM so that it queues {@code AbortRegistration(detail)}.
   */
  PEER_ABORT_REGISTRATION(false),

  /** Quick, best effort. Call the secondary's HM so that it queues {@code PeerRemoved()}. */
  PEER_REMOVE(false),

  /**
   * Quick. Call the primary's HM so that it queues {@code AcceptFailback(this server's
   * address, failover type)}; an unreachable primary never catches up, so the failback
   * is abandoned.
   */
  PEER_ACCEPT_FAILBACK(false),

  /** Quick. Forward the secondary's Force Failover button to the primary's HM (queues there). */
  PEER_FORCE_FAILOVER(false),

  /**
   * Quick: tell the peer the pair's settings changed here (detail: the failover type's wire
   * name; the runner adds the virtual IP and the Email Address list as stored here); the peer
   * queues AcceptSettings.
   */
  PEER_CHANGE_SETTINGS(false);

  private final boolean longRunning;

  ActionKind(boolean longRunning) {
    this.longRunning = longRunning;
  }

  /** Whether the runner reports an {@link ActionOutcome} for this action on a later tick. */
  public boolean longRunning() {
    return longRunning;
  }
}
