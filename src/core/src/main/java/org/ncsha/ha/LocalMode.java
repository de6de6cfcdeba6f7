package org.ncsha.ha;

/**
 * How this server's application and database stand at this tick, so that the decider keeps them
 * in line with the state ({@link ModeRules}): whether the application accepts writes, whether
 * the witness fenced it, whether the database accepts writes (reachable, not a standby, not taken
 * down by a copy or rewind) and, with the synchronous replication option on a database that
 * accepts writes, the standby a commit waits for ("" for none; null when not observed) and
 * whether that standby streams.
 */
public record LocalMode(
    boolean applicationWritable,
    boolean fenced,
    boolean databaseWritable,
    String synchronousStandby,
    boolean standbyStreaming) {}
