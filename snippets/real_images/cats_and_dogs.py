"""The original talk's slide 9 on its own data:
cats vs dogs at 150×150, with BN, in Keras 3."""

from bnviz.image_data import cats_and_dogs

import keras
from keras import layers

# None: download cats_and_dogs_filtered (68 MB); else train/, validation/ here
DIRECTORY = None
EPOCHS = 15  # the talk's setting
STEPS = None  # None: whole epochs; the tests set a small number


def build(use_bn: bool = True) -> keras.Model:
    model = keras.Sequential([keras.Input(shape=(150, 150, 3))])
    for filters in (32, 64, 128):
        model.add(layers.Conv2D(filters, 3, activation="relu"))
        if use_bn:
            model.add(layers.BatchNormalization())
        model.add(layers.MaxPooling2D(2))
    model.add(layers.Flatten())
    model.add(layers.Dense(512, activation="relu"))
    if use_bn:
        model.add(layers.BatchNormalization())
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(
        optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def main():
    # image_dataset_from_directory
    train, validation = cats_and_dogs(directory=DIRECTORY)
    history = build(use_bn=True).fit(
        train,
        validation_data=validation,
        epochs=EPOCHS,
        steps_per_epoch=STEPS,
        verbose=2,
    )
    return history.history


if __name__ == "__main__":
    main()
