package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressGuardTest {

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
        "127.0.0.1, false",
        "127.0.0.2, false",
        "10.1.2.3, false",
        "172.16.0.1, false",
        "172.31.255.255, false",
        "192.168.1.1, false",
        "169.254.169.254, false",
        "0.0.0.0, false",
        "100.64.0.1, false",
        "198.18.0.1, false",
        "224.0.0.1, false",
        "::1, false",
        "fe80::1, false",
        "fd00::1, false",
        "::ffff:10.0.0.1, false",
        "::, false",
        "8.8.8.8, true",
        "172.32.0.1, true",
        "100.128.0.1, true",
        "2001:4860:4860::8888, true",
        "93.184.216.34, true",
    })
    void tellsPublicAddressesFromPrivateAndLocalOnes(String address, boolean expected) throws Exception {
        assertThat(PrivateAddressGuard.isPublic(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
