package org.ncsha.filesync;

/** One file of the file area as the servers compare them: its path, size and SHA-256 (hex). */
public record ManifestEntry(String path, long size, String sha256) {}
