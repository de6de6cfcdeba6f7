package org.ncsha.db;

/** Receives the real byte progress of a database copy as pg_basebackup reports it. */
@FunctionalInterface
public interface CopyProgressListener {
  void progress(long doneBytes, long totalBytes);
}
