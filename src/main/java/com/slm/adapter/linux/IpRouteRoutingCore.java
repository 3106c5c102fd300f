package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.domain.RouteObservation;
import com.slm.port.PortException;
import com.slm.port.RoutingCore;

import java.io.IOException;

/**
 * The {@link RoutingCore} port on a Linux router (the lab's core, or any host running a routing daemon that
 * installs kernel routes): {@code ip -j route show CIDR} (or {@code route get ADDR}) on the core's host. The
 * core has learned when its route to the destination goes through the next hop (or device) configured for the
 * target environment, which no tunnel of the product installs.
 */
public class IpRouteRoutingCore implements RoutingCore {
    private final LinuxProperties settings;
    private final Commands commands;
    private final ObjectMapper json = new ObjectMapper();

    IpRouteRoutingCore(LinuxProperties settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    @Override
    public RouteObservation routeLearned(String destination, String targetEnvironment) {
        LinuxProperties.LearnedVia via = settings.routingCore().learnedVia().get(targetEnvironment);
        if (via == null) {
            throw new PortException("No route marker configured for environment '" + targetEnvironment
                    + "' (slm.linux.routing-core.learned-via." + targetEnvironment + ")", false);
        }
        String host = settings.routingCore().host();
        String output = destination.contains("/")
                ? commands.run(host, "ip", "-j", "route", "show", destination)
                : commands.run(host, "ip", "-j", "route", "get", destination);
        JsonNode routes;
        try {
            routes = json.readTree(output.isBlank() ? "[]" : output);
        } catch (IOException e) {
            throw new PortException("ip -j route on " + host + " printed no JSON: " + output, true, e);
        }
        for (JsonNode route : routes) {
            String gateway = route.path("gateway").asText("");
            String device = route.path("dev").asText("");
            boolean learned = (via.gateway() != null && via.gateway().equals(gateway))
                    || (via.device() != null && via.device().equals(device));
            if (learned) {
                return new RouteObservation(true, destination + " via " + gateway + " dev " + device
                        + " (" + route.path("protocol").asText("?") + "): reached through " + targetEnvironment);
            }
        }
        return new RouteObservation(false, destination + ": " + (routes.isEmpty() ? "no route"
                : "via " + routes.get(0).path("gateway").asText("-") + " dev " + routes.get(0).path("dev").asText("-"))
                + " (not yet through " + targetEnvironment + ")");
    }
}
