"""BN in a functional model, and what `training=True/False` changes."""

from bnviz.data import load_mnist

import keras
import numpy as np
from keras import layers


def main():
    inputs = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    # no `training=` here: Keras passes it
    x = layers.BatchNormalization(name="bn_1")(x)
    x = layers.MaxPooling2D(2)(x)
    outputs = layers.Dense(10, activation="softmax")(layers.Flatten()(x))
    model = keras.Model(inputs, outputs)
    # prints the table itself; print(model.summary()) would also print None
    model.summary()

    images = load_mnist("mnist-5k").x_val[:64]
    features = keras.Model(inputs, model.get_layer("bn_1").output)
    # batch statistics
    train_mode = np.asarray(features(images, training=True))
    # moving averages
    inference_mode = np.asarray(features(images, training=False))
    print(f"std of BN output, training mode:  {train_mode.std():.3f}")
    print(f"std of BN output, inference mode: {inference_mode.std():.3f}")
    return {"train_mode": train_mode, "inference_mode": inference_mode}


if __name__ == "__main__":
    main()
