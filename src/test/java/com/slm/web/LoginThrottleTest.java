package com.slm.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address throttle on its own: window, reset, independence of addresses, bounded table. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), 100, now::get);

    @Test
    void refusesAnAddressAfterMaxFailuresUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfterSeconds("192.0.2.7")).isZero();
            throttle.failure("192.0.2.7");
            now.addAndGet(1000);
        }
        assertThat(throttle.retryAfterSeconds("192.0.2.7")).isEqualTo(57);
        assertThat(throttle.retryAfterSeconds("192.0.2.8")).as("another address is not affected").isZero();
        now.addAndGet(57_000);
        assertThat(throttle.retryAfterSeconds("192.0.2.7")).isZero();
    }

    @Test
    void aSuccessResetsTheAddress() {
        throttle.failure("192.0.2.7");
        throttle.failure("192.0.2.7");
        throttle.success("192.0.2.7");
        throttle.failure("192.0.2.7");
        throttle.failure("192.0.2.7");
        assertThat(throttle.retryAfterSeconds("192.0.2.7")).isZero();
    }

    @Test
    void theTableIsBoundedAndOnlyTheOldestEntriesGo() {
        for (int i = 0; i < 1000; i++) {
            throttle.failure("2001:db8::" + Integer.toHexString(i));
            now.incrementAndGet();
        }
        assertThat(throttle.trackedClients()).isEqualTo(100);
        for (int i = 0; i < 3; i++) {
            throttle.failure("2001:db8::3e7");
        }
        assertThat(throttle.retryAfterSeconds("2001:db8::3e7")).isPositive();
    }

    @Test
    void theFilterAnswers429WithRetryAfterWithoutCheckingThePassword() throws Exception {
        LoginThrottleFilter filter = new LoginThrottleFilter(throttle);
        for (int i = 0; i < 3; i++) {
            assertThat(basicLogin(filter, "192.0.2.7", 401).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse refused = basicLogin(filter, "192.0.2.7", 200);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
        assertThat(basicLogin(filter, "192.0.2.8", 200).getStatus()).as("another address logs in").isEqualTo(200);

        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/camunda/api/admin/auth/user/default/login/cockpit");
        form.setRemoteAddr("192.0.2.7");
        assertThat(LoginThrottleFilter.isLoginAttempt(form)).isTrue();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(form, response, chain);
        assertThat(response.getStatus()).as("the webapps' login too").isEqualTo(429);
        assertThat(chain.getRequest()).as("the password is not even checked").isNull();
        assertThat(LoginThrottleFilter.isLoginAttempt(new MockHttpServletRequest("GET", "/engine-rest/version"))).isFalse();
    }

    private static MockHttpServletResponse basicLogin(LoginThrottleFilter filter, String address, int outcome) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/process-definition");
        request.setRemoteAddr(address);
        request.addHeader("Authorization", "Basic YWRtaW46d3Jvbmc=");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(outcome));
        return response;
    }
}
