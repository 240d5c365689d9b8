# Subclasses: super().__init__, overriding, calling the base method.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def kind(self):
        return "dog (" + super().kind() + ")"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"
a = Animal("generic")
d = Dog("rex", "collie")
p = Puppy("bit", "pug")
for x in [a, d, p]:
    print(x.speak(), "|", x.kind())
print(d.breed, p.breed, p.name)
