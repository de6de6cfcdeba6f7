# Unsolicited IPv6 neighbour advertisements (RFC 4861 7.2.6) for an address this host just took
# over, so that neighbours replace the old server's link-layer address at once: sent to all nodes
# (ff02::1) with the Override flag and the interface's MAC. Debian has no tool for it (ndisc6
# ships without ndsend), so this is the one raw socket of ours. Needs CAP_NET_RAW.
# Arguments: address interface count gap-seconds
import socket, struct, sys, time

address, interface, count, gap = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
with open("/sys/class/net/%s/address" % interface) as f:
    mac = bytes.fromhex(f.read().strip().replace(":", ""))
target = socket.inet_pton(socket.AF_INET6, address)
# Type 136 (NA), code 0, checksum 0 (the kernel computes it), flags: Override; option 2: the MAC.
advert = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + target + struct.pack("!BB", 2, 1) + mac
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
# Neighbours drop ND messages whose hop limit is not 255.
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
index = socket.if_nametoindex(interface)
for i in range(count):
    s.sendto(advert, ("ff02::1", 0, 0, index))
    if i + 1 < count:
        time.sleep(gap)
