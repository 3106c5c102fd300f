package com.slm.adapter.libvirt;

import com.slm.adapter.properties.PropertiesTopology;
import com.slm.adapter.properties.TopologyProperties;
import com.slm.lab.Lab;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The lab's application-lab.yaml, bound the way the application binds it (plus overrides for one test). */
final class LabSettings {
    private LabSettings() {
    }

    static Binder binder(Map<String, Object> overrides) {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("test-overrides", overrides));
            List<PropertySource<?>> lab = new YamlPropertySourceLoader().load("lab",
                    new FileSystemResource(Lab.STATE.resolve("application-lab.yaml")));
            lab.forEach(environment.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(environment));
        } catch (IOException e) {
            throw new AssertionError("cannot read the lab's settings: is the lab up?", e);
        }
    }

    static TopologyProperties topologyProperties(Map<String, Object> overrides) {
        return binder(overrides).bind("slm", TopologyProperties.class).get();
    }

    static PropertiesTopology topology(Map<String, Object> overrides) {
        return new PropertiesTopology(topologyProperties(overrides));
    }

    static LibvirtProperties libvirt(Map<String, Object> overrides) {
        return binder(overrides).bindOrCreate("slm.libvirt", LibvirtProperties.class);
    }
}
