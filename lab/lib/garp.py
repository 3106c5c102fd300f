#!/usr/bin/env python3
"""Gratuitous ARP for many addresses at once, with the bridge's own MAC: garp.py BRIDGE CIDR|ADDR [EXCEPT...]
Sends one ARP request (sender = target = the address) per address of CIDR (or the single ADDR), except the ones
listed, three times (at once, after 0.3 s and after 1 s). A host that has an entry for an address updates it to
the bridge's MAC; a host without one ignores it. The lab's updown hook uses it where one moved VM must learn, at
once, that every address of its subnet is now reached through the site's bridge (its cache still holds the MACs of
the hosts it left behind), and where site A takes over a moved VM's address."""
import ipaddress
import socket
import sys
import time


def frames(bridge, targets):
    mac = bytes.fromhex(open(f"/sys/class/net/{bridge}/address").read().strip().replace(":", ""))
    for ip in targets:
        a = ipaddress.ip_address(ip).packed
        arp = b"\x00\x01\x08\x00\x06\x04\x00\x01" + mac + a + b"\x00" * 6 + a
        yield b"\xff" * 6 + mac + b"\x08\x06" + arp


def main(bridge, what, *excluded):
    net = ipaddress.ip_network(what, strict=False)
    hosts = [net.network_address] if net.num_addresses == 1 else list(net.hosts())
    targets = [str(h) for h in hosts if str(h) not in excluded]
    packets = list(frames(bridge, targets))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((bridge, 0))
    for pause in (0, 0.3, 0.7):
        time.sleep(pause)
        for p in packets:
            s.send(p)


if __name__ == "__main__":
    main(*sys.argv[1:])
