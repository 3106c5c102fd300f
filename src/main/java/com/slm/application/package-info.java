/**
 * The use cases: the orchestration decisions of the migration (pre-check rules, whether the whole subnet moves, which
 * sessions are secure, what must be in place before the VM's traffic flows, where a roll-back leaves the VM). They
 * speak only domain types and ports; the process layer's delegates map process variables to a call here and back.
 * Allowed dependencies: {@code domain}, {@code port}, {@code logging} (see ArchitectureTest).
 */
package com.slm.application;
