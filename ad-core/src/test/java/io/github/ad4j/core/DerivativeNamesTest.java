package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names of the generated forms, and the tests that recognise them, agree. */
class DerivativeNamesTest {

  private static final DerivativeNames F = new DerivativeNames("fit");

  @Test
  void eachFormIsRecognisedAndLeadsBackToItsMethod() {
    for (String pullback : new String[] {F.pullback(), F.pullbackInOut()}) {
      assertThat(DerivativeNames.isPullback(pullback)).as(pullback).isTrue();
      assertThat(DerivativeNames.methodOf(pullback)).isEqualTo("fit");
    }
    assertThat(DerivativeNames.isGradient(F.gradient())).isTrue();
    assertThat(DerivativeNames.methodOf(F.gradient())).isEqualTo("fit");
    assertThat(DerivativeNames.isInOut(F.pullbackInOut())).isTrue();
    assertThat(DerivativeNames.isInOut(F.pushforwardInOut())).isTrue();
  }

  @Test
  void otherNamesAreNotForms() {
    assertThat(DerivativeNames.isPullback(F.pushforward())).isFalse();
    assertThat(DerivativeNames.isGradient(F.partial("x"))).isFalse();
    assertThat(DerivativeNames.isInOut(F.pullback())).isFalse();
    // only the suffix goes: a method named like a form keeps the rest of its name
    assertThat(DerivativeNames.methodOf(new DerivativeNames("gradientOfPullback").pullback()))
        .isEqualTo("gradientOfPullback");
  }
}
