package org.ncsha.mse;

/**
 * What the admin server knows of an MSE when it pairs two: as the MSE's {@code getserverinfo}
 * answers, and the addresses its setup gave it.
 *
 * @param healthMonitorAddress the Health Monitor interface's own (physical) address
 * @param virtualIp the primary's virtual IP (null on a secondary)
 * @param prefixLength the Health Monitor interface's network prefix length (24 for 255.255.255.0)
 * @param pairedWith the address of the MSE it is paired with already, or null
 */
public record MseServer(String name, String healthMonitorAddress, ApplianceType type, String version, String virtualIp,
    int prefixLength, String pairedWith) {}
