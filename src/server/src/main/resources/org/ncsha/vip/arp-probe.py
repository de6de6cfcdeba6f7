# Duplicate address detection for an IPv4 address (RFC 5227 ARP probes, sender address 0.0.0.0)
# that waits a fraction of a second: arping counts its wait in whole seconds, and a failover waits
# for this probe. Two probes, half the wait apart, against a lost packet. Prints the MAC of another
# host that answers for the address within the wait (its reply, or its own ARP for the address),
# nothing when none does. Needs CAP_NET_RAW.
# Arguments: address interface wait-seconds
import socket, struct, sys, time

address, interface, wait = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open("/sys/class/net/%s/address" % interface) as f:
    mac = bytes.fromhex(f.read().strip().replace(":", ""))
target = socket.inet_aton(address)
ETH_P_ARP = 0x0806
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
s.bind((interface, ETH_P_ARP))
# Ethernet broadcast; ARP request for IPv4 over Ethernet: sender MAC ours, sender address 0.0.0.0.
probe = (b"\xff" * 6 + mac + struct.pack("!H", ETH_P_ARP) + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1)
         + mac + bytes(4) + bytes(6) + target)
start = time.monotonic()
deadline = start + wait
sends = [start, start + wait / 2]
while True:
    now = time.monotonic()
    if sends and now >= sends[0]:
        s.send(probe)
        sends.pop(0)
    if now >= deadline:
        break
    s.settimeout(max(0.001, min([deadline] + sends) - now))
    try:
        frame = s.recv(128)
    except socket.timeout:
        continue
    # Ethernet header (14 bytes), then the ARP message: sender MAC at 22, sender address at 28.
    if len(frame) >= 42 and frame[28:32] == target and frame[22:28] != mac:
        print(":".join("%02x" % b for b in frame[22:28]))
        break
