package io.graphium.orchestrator.security;

import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * REST security: stateless, bearer tokens in the {@code Authorization} header only (no cookie, no session, no form or
 * basic login, so no CSRF surface), static tokens ({@link StaticTokens}) and, when
 * {@code spring.security.oauth2.resourceserver.jwt.*} names an issuer, JWTs. Who may call what is {@link AccessRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    StaticTokens staticTokens(SecurityProperties properties) {
        return new StaticTokens(properties.tokens(), properties.tokensFile());
    }

    /** No user store: there are no passwords (and Spring Boot must not generate a default user). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, StaticTokens tokens,
                            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(AbstractHttpConfigurer::disable) // no cookie or session authenticates anything: nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (!properties.enabled()) {
            log.warn("REST authentication is OFF (graphium.security.enabled=false): anyone who reaches this port "
                    + "can deploy, stop and remove stacks and register hosts");
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        JwtDecoder jwt = jwtDecoder.getIfAvailable();
        if (tokens.size() == 0 && jwt == null && properties.tokensFile() == null) {
            throw new IllegalStateException("REST authentication is on but no caller could ever authenticate: set "
                    + "graphium.security.tokens or graphium.security.tokens-file (see 'graphium token create'), or "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri (docs/security/rest.md)");
        }
        log.info("REST authentication on: {} static token(s){}{}", tokens.size(),
                properties.tokensFile() == null ? "" : " (file " + properties.tokensFile() + ")",
                jwt == null ? "" : ", JWTs");
        AuthenticationManager manager = bearerAuthentication(tokens, jwt == null ? null
                : jwtProvider(jwt, properties.jwt()));
        http.oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> manager)
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> {
                    // Already authorized as the request it continues or reports on.
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        var matcher = PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
                        if (rule.role().isEmpty()) {
                            a.requestMatchers(matcher).permitAll();
                        } else {
                            a.requestMatchers(matcher).hasAuthority(rule.role().get().authority());
                        }
                    }
                    a.anyRequest().hasAuthority(AccessRules.DEFAULT.authority());
                });
        return http.build();
    }

    /** {@code gph_...} tokens against the static set; anything else is a JWT, if an issuer is configured. */
    static AuthenticationManager bearerAuthentication(StaticTokens tokens, AuthenticationProvider jwt) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (token.startsWith(StaticTokens.PREFIX)) {
                StaticTokens.Entry entry = tokens.authenticate(token).orElseThrow(() ->
                        new InvalidBearerTokenException("unknown token"));
                UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                        entry.name(), null, entry.role().grants());
                result.setDetails("token");
                return result;
            }
            if (jwt == null) {
                throw new InvalidBearerTokenException("not a Graphium token, and no JWT issuer is configured");
            }
            return jwt.authenticate(authentication);
        };
    }

    /** JWTs: the principal from {@code principal-claim}, the strongest role named in {@code roles-claim}. */
    static JwtAuthenticationProvider jwtProvider(JwtDecoder decoder, SecurityProperties.Jwt claims) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(claims.principalClaim());
        converter.setJwtGrantedAuthoritiesConverter(jwt -> roles(jwt, claims.rolesClaim()));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider;
    }

    static Collection<GrantedAuthority> roles(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        Stream<String> names = value instanceof Collection<?> list ? list.stream().map(String::valueOf)
                : value instanceof String text ? Stream.of(text.split("[\\s,]+")) : Stream.empty();
        return names.map(Role::parse).flatMap(java.util.Optional::stream).max(Comparator.naturalOrder())
                .map(Role::grants).orElse(List.of());
    }
}
