package org.ncsha.db;

/** pg_rewind cannot make this database a standby of the new primary: a full copy is needed. */
public class RewindImpossibleException extends DatabaseException {
  public RewindImpossibleException(String message) {
    super(message);
  }
}
