package it.mixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MixedGradTest {

  @Test
  void theGoodMethodIsDifferentiated() {
    for (double x : new double[] {-2, 0, 0.5, 3}) {
      assertEquals(3 * x * x, MixedGrad.dcubedx(x), 1e-12 * Math.max(1, 3 * x * x));
    }
  }

  @Test
  void theBadMethodIsLeftOut() {
    assertTrue(
        Arrays.stream(MixedGrad.class.getMethods())
            .map(Method::getName)
            .noneMatch(name -> name.startsWith("drelu") || name.startsWith("relu")),
        "relu could not be differentiated, so MixedGrad has nothing for it");
  }
}
