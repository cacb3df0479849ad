/**
 * The intermediate representation every stage after parsing works on: immutable expression and
 * statement values, compared structurally (two equal subexpressions are {@code equals}).
 *
 * <p>The same representation holds the normalised primal method, the generated forward and
 * backward sweeps, and the bodies of the generated methods, so one simplifier and one printer
 * serve all of them.
 */
package io.github.ad4j.core.ir;
