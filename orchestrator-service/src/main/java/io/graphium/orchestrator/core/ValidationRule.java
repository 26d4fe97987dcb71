package io.graphium.orchestrator.core;

import java.math.BigDecimal;
import java.util.List;

/** One group of checks of a stack definition; adds every problem it finds, never stops at the first. */
interface ValidationRule {

    void check(StackDefinition definition, List<Problem> problems);

    /** A number as people write it: 2, not 2.0. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
