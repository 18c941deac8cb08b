package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

/** The cache of parsed documents: bounded, evicting, and only for valid documents of sensible length. */
class CachedDocumentsTest {

    private final AtomicInteger parses = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
        parses.incrementAndGet();
        return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    };

    private PreparsedDocumentEntry get(GraphQlConfiguration.CachedDocuments cache, String query, Function<ExecutionInput, PreparsedDocumentEntry> f) {
        return cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), f).join();
    }

    @Test
    void aDocumentIsParsedOnceAndThenServedFromTheCache() {
        var cache = new GraphQlConfiguration.CachedDocuments(10);
        PreparsedDocumentEntry first = get(cache, "{ counties { code } }", parse);
        PreparsedDocumentEntry second = get(cache, "{ counties { code } }", parse);
        assertThat(second).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void staysBoundedAndKeepsCachingNewDocumentsOnceFull() {
        var cache = new GraphQlConfiguration.CachedDocuments(100);
        for (int i = 0; i < 1_000; i++) {
            get(cache, "{ a" + i + ": counties { code } }", parse);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        // The earlier cache stopped storing anything once full; an evicting one still takes the newest document.
        String fresh = "{ fresh: counties { code } }";
        get(cache, fresh, parse);
        assertThat(cache.contains(fresh)).isTrue();
        int before = parses.get();
        get(cache, fresh, parse);
        assertThat(parses).hasValue(before);
    }

    @Test
    void invalidAndVeryLongDocumentsAreNotKept() {
        var cache = new GraphQlConfiguration.CachedDocuments(10);
        Function<ExecutionInput, PreparsedDocumentEntry> invalid = input -> {
            parses.incrementAndGet();
            return new PreparsedDocumentEntry(List.of(GraphqlErrorBuilder.newError().message("no such field").build()));
        };
        get(cache, "{ nope }", invalid);
        get(cache, "{ nope }", invalid);
        assertThat(parses).hasValue(2);
        assertThat(cache.contains("{ nope }")).isFalse();

        String longQuery = "{ counties { code } }" + " ".repeat(GraphQlConfiguration.MAX_CACHED_DOCUMENT_CHARS);
        get(cache, longQuery, parse);
        assertThat(cache.contains(longQuery)).isFalse();
        String justBelow = "{ counties { code } }" + " ".repeat(GraphQlConfiguration.MAX_CACHED_DOCUMENT_CHARS - 30);
        get(cache, justBelow, parse);
        assertThat(cache.contains(justBelow)).isTrue();
    }
}
