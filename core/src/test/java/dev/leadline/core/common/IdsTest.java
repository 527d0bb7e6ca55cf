package dev.leadline.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsPastTheRangeOfALongOrNotPositiveAreRefusedNamingTheField() {
        assertThat(Ids.parse("rep", " 42 ")).isEqualTo(42);
        assertThat(Ids.parse("rep", Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Ids.parse("rep", "12345678901234567890")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("rep: '12345678901234567890' is not an id");
        assertThatThrownBy(() -> Ids.parse("rep", "9223372036854775808")).hasMessageStartingWith("rep:");
        assertThatThrownBy(() -> Ids.parse("rep", "0")).hasMessageStartingWith("rep:");
        assertThatThrownBy(() -> Ids.parse("rep", "-1")).hasMessageStartingWith("rep:");
    }
}
