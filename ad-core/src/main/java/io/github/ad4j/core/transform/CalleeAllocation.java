package io.github.ad4j.core.transform;

/**
 * What a callee's pullback and accumulating forms allocate, as the callee's own generation
 * decides: a caller's forms call them, and say what they allocate, accordingly.
 *
 * @param workspace whether those forms take a workspace: the caller's workspace then holds one
 *     for them, and its calls pass it
 * @param allocatesWhenWarm whether they still allocate once warm (with their workspace, where
 *     they have one): what the callee itself allocates, such as its own arrays
 */
public record CalleeAllocation(boolean workspace, boolean allocatesWhenWarm) {

  /**
   * What a caller assumes where it cannot know, or must not nest (a callee that calls back into
   * it, whose workspace would hold the caller's again): no workspace is passed, and the call may
   * allocate.
   */
  public static final CalleeAllocation UNKNOWN = new CalleeAllocation(false, true);

  /** Whether a call of one of these forms allocates, given a workspace or not. */
  public boolean allocates(boolean givenWorkspace) {
    return allocatesWhenWarm || (workspace && !givenWorkspace);
  }
}
