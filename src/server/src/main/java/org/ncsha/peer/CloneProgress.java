package org.ncsha.peer;

/** The secondary's database copy during registration, as the primary's progress bar needs it. */
public class CloneProgress {
  public String status = "idle";
  public long doneBytes;
  public long totalBytes;
  public String detail;

  public CloneProgress() {}

  public CloneProgress(String status, long doneBytes, long totalBytes, String detail) {
    this.status = status;
    this.doneBytes = doneBytes;
    this.totalBytes = totalBytes;
    this.detail = detail;
  }
}
