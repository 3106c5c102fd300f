package com.slm.adapter.libvirt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterfaceLinksTest {
    static final String DOMAIN = """
            <domain type='qemu'><name>app</name><devices>
              <interface type='bridge'><mac address='52:54:00:00:02:11'/><source bridge='br-s1'/>
                <target dev='vnet0'/><model type='virtio'/></interface>
              <interface type='bridge'><mac address='52:54:00:00:02:12'/><source bridge='br-s2'/>
                <link state='down'/><target dev='vnet1'/></interface>
            </devices></domain>""";

    @Test
    void readsEveryInterfaceWithItsLinkState() {
        List<InterfaceLinks.Link> links = InterfaceLinks.of(DOMAIN);
        assertThat(links).extracting(InterfaceLinks.Link::mac).containsExactly("52:54:00:00:02:11", "52:54:00:00:02:12");
        assertThat(links).extracting(InterfaceLinks.Link::up).containsExactly(true, false);
        assertThat(links.get(0).matches(List.of())).isTrue();
        assertThat(links.get(0).matches(List.of("vnet1"))).isFalse();
        assertThat(links.get(1).matches(List.of("vnet1"))).isTrue();
    }

    @Test
    void rewritesTheWholeInterfaceWithTheNewLinkState() {
        List<InterfaceLinks.Link> links = InterfaceLinks.of(DOMAIN);
        String down = InterfaceLinks.withLinkState(links.get(0), false);
        assertThat(down).contains("<source bridge=\"br-s1\"/>").contains("<link state=\"down\"/>").startsWith("<interface");
        String up = InterfaceLinks.withLinkState(links.get(1), true);
        assertThat(up).contains("<link state=\"up\"/>").doesNotContain("state=\"down\"");
    }

    @Test
    void refusesXmlWithADoctype() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InterfaceLinks.of(
                "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><domain>&e;</domain>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
