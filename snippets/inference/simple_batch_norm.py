"""The original talk's SimpleBatchNorm, fixed, checked against Keras;
single sample vs batch."""

from bnviz.data import load_mnist
from bnviz.nn.cnns import seed_cnn
from bnviz.nn.layers import SimpleBatchNorm

import keras
import numpy as np


def main():
    ours, reference = (
        SimpleBatchNorm(momentum=0.99),
        keras.layers.BatchNormalization(momentum=0.99),
    )
    # 3 samples, 2 features
    x = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 9.0]], dtype="float32")
    for _ in range(3):  # training-mode calls update the moving statistics
        ours(x, training=True), reference(x, training=True)
    print("moving mean, ours:", np.asarray(ours.moving_mean))
    print("moving mean, Keras:", np.asarray(reference.moving_mean))
    print(
        "inference output equal:",
        np.allclose(
            ours(x, training=False), reference(x, training=False), atol=1e-5
        ),
    )

    # In inference mode a sample's prediction does not depend on the rest of
    # its batch
    model = seed_cnn(norm="batch")
    images = load_mnist("mnist-5k").x_val[:16]
    in_batch = np.asarray(model(images, training=False))[0]
    alone = np.asarray(model(images[:1], training=False))[0]
    print(
        "inference mode, alone == in batch:",
        np.allclose(in_batch, alone, atol=1e-6),
    )
    # ... while in training mode it does: the batch statistics change with
    # the batch
    in_pair = np.asarray(model(images[:2], training=True))[0]  # batch of 2
    in_batch_train = np.asarray(model(images, training=True))[0]  # batch of 16
    print(
        "training mode, difference:",
        float(np.abs(in_pair - in_batch_train).max()),
    )
    return {"in_batch": in_batch, "alone": alone}


if __name__ == "__main__":
    main()
