/** Reliability suites: fuzzing, fault injection and soak. See RELIABILITY.md at the root of the repository. */
package dev.lift.reliability;
