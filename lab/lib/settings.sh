# The product's view of the lab: $S/application-lab.yaml, read with --spring.profiles.active=lab and
# --spring.config.additional-location=optional:file:$S/ . Only paths and addresses: no key ever goes in here.

settings_write() {
  cat >"$S/application-lab.yaml.new" <<YAML
# Written by lab/lab up: the two-site lab's endpoints for slm (profile 'lab').
# HTTPS with the lab CA's certificate for localhost (the key stays in $S/pki, 0600): plain HTTP is off.
spring:
  ssl:
    bundle:
      pem:
        slm:
          keystore:
            certificate: "file:$S/pki/slm-web.crt"
            private-key: "file:$S/pki/slm-web.key"
server:
  ssl:
    bundle: slm
slm:
  adapters:
    hypervisor: libvirt
    ipsec: strongswan
    connections: linux
    routing-core: linux
    traffic-guard: nftables
    steering: hook
  environments:
    secure:
      display-name: Secure site A (lab)
      trusted: true
      subnets: [$SUBNET1, $SUBNET2]
      # reached through the secure environment (the core's edge and the legacy service): guarded like its subnets
      reachable-networks: [198.51.100.0/24]
      hosts:
        site-a:
          libvirt-uri: "$(libvirt_uri site-a)"
          peer-uri: "$(peer_uri site-a)"
          migration-uri: "tls://${WAN_ADDR[site-a]}"
    remote:
      display-name: Remote site B (lab)
      trusted: false
      subnets: []
      hosts:
        site-b:
          libvirt-uri: "$(libvirt_uri site-b)"
          peer-uri: "$(peer_uri site-b)"
          migration-uri: "tls://${WAN_ADDR[site-b]}"
  vms:
    db: {address: ${GUEST_IP[db]}}
    app: {address: ${GUEST_IP[app]}}
    web: {address: ${GUEST_IP[web]}}
  libvirt:
    memory-margin-mib: 32
  strongswan:
    gateways:
      secure:
        vici-socket: $(site_dir site-a)/run/charon.vici
        address: ${WAN_ADDR[site-a]}
        identity: "CN=site-a.slm-lab"
        certificate: $S/pki/site-a.crt
        private-key: $S/pki/site-a.key
        ca-certificate: $S/pki/ca.crt
        updown: $(site_dir site-a)/updown.sh
        # kernel-libipsec: the site lends the gateway an address inside the local selector while an SA comes up
        prepare-hook: [ip, netns, exec, "$(ns site-a)", "$(site_dir site-a)/updown.sh"]
      remote:
        vici-socket: $(site_dir site-b)/run/charon.vici
        address: ${WAN_ADDR[site-b]}
        identity: "CN=site-b.slm-lab"
        certificate: $S/pki/site-b.crt
        private-key: $S/pki/site-b.key
        ca-certificate: $S/pki/ca.crt
        updown: $(site_dir site-b)/updown.sh
        # kernel-libipsec: the site lends the gateway an address inside the local selector while an SA comes up
        prepare-hook: [ip, netns, exec, "$(ns site-b)", "$(site_dir site-b)/updown.sh"]
    esp-proposals: [aes256-sha256]
    ike-proposals: [aes256-sha256-modp2048]
    udp-encapsulation: true
  linux:
    # how the adapters reach each host: here the lab's network namespaces (real hosts: ssh)
    hosts:
      site-a: [ip, netns, exec, "$(ns site-a)"]
      site-b: [ip, netns, exec, "$(ns site-b)"]
      core: [ip, netns, exec, "$(ns core)"]
    connections:
      observe:
        secure: [site-a, core]
        remote: [site-b]
      tls-ports: [443, 16514]
      extend-policy-to-peers: true
    guard:
      mode: tun-interface
      tun-interface: ipsec0
      hosts:
        secure: site-a
        remote: site-b
      # the VMs' bridges: what passes between two of them stays on the host (two moved VMs reach each other)
      local-interfaces:
        secure: [br-s1, br-s2]
        remote: [br-s1, br-s2]
    steering:
      hooks:
        secure: $(site_dir site-a)/updown.sh
        remote: $(site_dir site-b)/updown.sh
      hosts:
        secure: site-a
        remote: site-b
    routing-core:
      host: core
      learned-via:
        remote: {gateway: $SITE_A_EDGE}
YAML
  mv "$S/application-lab.yaml.new" "$S/application-lab.yaml"
}
