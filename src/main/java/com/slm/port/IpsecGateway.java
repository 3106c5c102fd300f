package com.slm.port;

import com.slm.domain.CheckResult;
import com.slm.domain.SaDetails;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;

import java.util.List;

/**
 * The IPsec gateways of both environments. An operation is done only when the CHILD_SA is installed on
 * both ends; every operation is idempotent. Keys never pass through this interface.
 */
public interface IpsecGateway {

    /** Pre-check: the environment's IPsec endpoint answers. */
    CheckResult probe(String environment);

    /** Block 345: install the VM's policy on both gateways and bring its SA up; returns the SAs for audit. */
    List<SaDetails> installVmPolicy(VmPolicy policy);

    /** Block 365: widen an installed VM policy to one more peer address of the secure environment. */
    List<SaDetails> extendVmPolicy(VmPolicy policy, String peerAddress);

    /**
     * Roll-back of the minimal-blackout mode, whose policy was installed before the VM moved: removes the VM's policy
     * and every peer block 365 added to it from both gateways; succeeds when they are already gone.
     */
    void removeVmPolicy(VmPolicy policy);

    /** Block 340: the site-to-site tunnel for a subnet that moved as a whole. */
    List<SaDetails> establishSubnetTunnel(SubnetTunnel tunnel);

    /** Block 390: removes the subnet tunnel; succeeds when it is already gone. */
    void removeSubnetTunnel(SubnetTunnel tunnel);

    /**
     * Block 370's last check before the VM's links go up: which CHILD_SAs of the VM's policy and of the peers block
     * 365 added to it are not INSTALLED on both gateways, as "child on environment"; empty when all are.
     */
    List<String> notInstalled(VmPolicy policy, List<String> peerAddresses);

    /** The same check for the subnet tunnel of block 340. */
    List<String> notInstalled(SubnetTunnel tunnel);

    /** The installed SAs whose traffic selectors cover traffic between these two addresses. */
    List<SaDetails> sasCovering(String localAddress, String remoteAddress);
}
