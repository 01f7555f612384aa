"""The original talk's create_model(use_batch_norm), compiled,
and its parameter counts."""

import keras
from keras import layers


def create_model(use_batch_norm: bool) -> keras.Model:
    model = keras.Sequential(name="with_bn" if use_batch_norm else "without_bn")
    # Keras 3: no input_shape= on the first layer
    model.add(keras.Input(shape=(28, 28, 1)))
    model.add(layers.Conv2D(32, (3, 3), activation="relu"))
    if use_batch_norm:
        model.add(layers.BatchNormalization())
    model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.Flatten())
    model.add(layers.Dense(10, activation="softmax"))
    # the talk never compiled the model, so fit() failed; compile it here
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def main():
    with_bn, without_bn = create_model(True), create_model(False)
    with_bn.summary()
    bn = with_bn.layers[1]
    trainable = sum(int(w.shape[0]) for w in bn.trainable_weights)
    frozen = sum(int(w.shape[0]) for w in bn.non_trainable_weights)
    extra = with_bn.count_params() - without_bn.count_params()
    print(
        f"BN adds {extra} parameters: {trainable} trainable (gamma, beta) and "
        f"{frozen} non-trainable (moving mean, moving variance), 4 per channel"
    )
    return {"extra": extra, "trainable": trainable, "non_trainable": frozen}


if __name__ == "__main__":
    main()
