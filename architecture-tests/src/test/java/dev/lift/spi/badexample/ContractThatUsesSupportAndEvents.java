package dev.lift.spi.badexample;

import dev.lift.api.Api;
import dev.lift.events.SqsMessage;
import dev.lift.spi.support.UrlEncoding;

/** Deliberately wrong: a contract that needs the event model and an adapter helper. Only the rule tests import it. */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ContractThatUsesSupportAndEvents {

    SqsMessage message();

    default String decoded(String s) {
        return UrlEncoding.decode(s, false);
    }
}
