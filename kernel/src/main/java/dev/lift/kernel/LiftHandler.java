package dev.lift.kernel;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point. Deploy {@code lift.jar} with the handler string
 * {@code dev.lift.kernel.LiftHandler::handleRequest}. The kernel boots while Lambda creates this
 * class (in the init phase, once per JVM); each invocation is bytes in, bytes out, and several may
 * run at once.
 */
public class LiftHandler implements RequestStreamHandler {

    private final LiftKernel kernel;

    /** Boots (once per JVM) the shared kernel. */
    public LiftHandler() {
        this.kernel = Lift.shared();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        kernel.invoke(input, output, LambdaRequest.from(context));
    }
}
