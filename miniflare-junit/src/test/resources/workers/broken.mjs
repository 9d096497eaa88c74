export default {
  fetch() {
    return undefinedFunction();
  },
};
throw new TypeError("this worker fails at start-up");
