package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.slm.adapter.strongswan.SwanctlConfig.Side.SECURE;
import static com.slm.adapter.strongswan.SwanctlConfig.Side.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwanctlConfigTest {
    private static final IpsecEndpoint SECURE_GW = IpsecEndpoint.of("203.0.113.1");
    private static final IpsecEndpoint TARGET_GW = new IpsecEndpoint("203.0.113.2", "gw.target.example");
    private static final VmPolicy POLICY = new VmPolicy("db-1", "198.51.100.20",
            List.of("198.51.100.0/28", "192.0.2.0/26"), "secure", "target");

    @Test
    void vmPolicyOnTheSecureGatewayProtectsTheSubnetsTowardsTheVm() {
        ViciMessage conn = SwanctlConfig.vmPolicy(POLICY, SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC);

        assertThat(conn.value("version")).contains("2");
        assertThat(conn.list("local_addrs")).containsExactly("203.0.113.1");
        assertThat(conn.list("remote_addrs")).containsExactly("203.0.113.2");
        assertThat(conn.value("encap")).contains("yes");
        assertThat(conn.list("proposals")).containsExactly("aes256-sha256-modp2048");
        assertThat(conn.find("local", "auth")).contains("psk");
        assertThat(conn.find("local", "id")).contains("203.0.113.1");
        assertThat(conn.find("remote", "id")).contains("gw.target.example");
        ViciMessage child = conn.section("children").orElseThrow().section(SwanctlConfig.CHILD).orElseThrow();
        assertThat(child.list("local_ts")).containsExactly("198.51.100.0/28", "192.0.2.0/26");
        assertThat(child.list("remote_ts")).containsExactly("198.51.100.20/32");
        assertThat(child.list("esp_proposals")).containsExactly("aes256-sha256");
        assertThat(child.value("mode")).contains("tunnel");
        assertThat(child.value("start_action")).contains("none");
        assertThat(SwanctlConfig.vmPolicyConnection(POLICY)).isEqualTo("slm-vm-db-1");
    }

    @Test
    void vmPolicyOnTheTargetGatewayIsTheMirrorImage() {
        ViciMessage conn = SwanctlConfig.vmPolicy(POLICY, TARGET, TARGET_GW, SECURE_GW, IpsecProposals.LIBIPSEC);

        ViciMessage child = conn.section("children").orElseThrow().section(SwanctlConfig.CHILD).orElseThrow();
        assertThat(child.list("local_ts")).containsExactly("198.51.100.20/32");
        assertThat(child.list("remote_ts")).containsExactly("198.51.100.0/28", "192.0.2.0/26");
        assertThat(conn.list("local_addrs")).containsExactly("203.0.113.2");
    }

    @Test
    void ipv6VmAddressGetsAHostRoute() {
        VmPolicy v6 = new VmPolicy("v6", "2001:db8::20", List.of("2001:db8:1::/64"), "secure", "target");

        ViciMessage conn = SwanctlConfig.vmPolicy(v6, SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC);

        assertThat(conn.section("children").orElseThrow().section("net").orElseThrow().list("remote_ts"))
                .containsExactly("2001:db8::20/128");
    }

    @Test
    void subnetTunnelCarriesTheMovedSubnet() {
        SubnetTunnel tunnel = new SubnetTunnel("app-net", "198.51.100.16/28", "secure", "target");

        ViciMessage secure = SwanctlConfig.subnetTunnel(tunnel, List.of("198.51.100.0/28"), SECURE, SECURE_GW, TARGET_GW,
                IpsecProposals.LIBIPSEC);
        ViciMessage target = SwanctlConfig.subnetTunnel(tunnel, List.of("198.51.100.0/28"), TARGET, TARGET_GW, SECURE_GW,
                new IpsecProposals(List.of("aes256-sha256-ecp256"), List.of("aes256gcm16"), false));

        assertThat(secure.section("children").orElseThrow().section("net").orElseThrow().list("remote_ts"))
                .containsExactly("198.51.100.16/28");
        assertThat(target.section("children").orElseThrow().section("net").orElseThrow().list("local_ts"))
                .containsExactly("198.51.100.16/28");
        assertThat(target.value("encap")).contains("no");
        assertThat(SwanctlConfig.subnetTunnelConnection(tunnel)).isEqualTo("slm-net-app-net");
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(new VmPolicy("bad name", "198.51.100.20", List.of("198.51.100.0/28"),
                "s", "t"), SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name' is no valid connection name");
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(new VmPolicy("x", "vm.example", List.of("198.51.100.0/28"),
                "s", "t"), SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC))
                .hasMessageContaining("VM address 'vm.example' is no IPv4 or IPv6 address");
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(new VmPolicy("x", "198.51.100.20/32", List.of("198.51.100.0/28"),
                "s", "t"), SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC))
                .hasMessageContaining("without prefix");
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(new VmPolicy("x", "198.51.100.20", List.of(), "s", "t"),
                SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC))
                .hasMessageContaining("secure subnets must not be empty");
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(new VmPolicy("x", "198.51.100.20", List.of("198.51.100.0/33"),
                "s", "t"), SECURE, SECURE_GW, TARGET_GW, IpsecProposals.LIBIPSEC))
                .hasMessageContaining("invalid prefix length");
        assertThatThrownBy(() -> SwanctlConfig.vmPolicy(POLICY, SECURE, SECURE_GW, SECURE_GW, IpsecProposals.LIBIPSEC))
                .hasMessageContaining("same address");
        assertThatThrownBy(() -> IpsecEndpoint.of("256.1.1.1")).hasMessageContaining("no IPv4 or IPv6 address");
        assertThatThrownBy(() -> new IpsecProposals(List.of(), List.of("aes256-sha256"), true))
                .hasMessageContaining("must not be empty");
    }
}
